export interface Layer {
  readonly name: string;
  /** Folders and files, relative to the repository root. */
  readonly paths: readonly string[];
}

export declare const layers: readonly Layer[];
export declare function layerZones(): { target: string[]; from: string; except: string[]; message: string }[];
