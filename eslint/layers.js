/**
 * The layers of src/, lowest first, as docs/architecture.md describes them. A module may import
 * from its own layer or a lower one; `layerZones` turns that into import-x/no-restricted-paths
 * zones, which compare resolved file paths, so `./x.js` and `../plan/x.js` are judged alike.
 */
export const layers = [
  {
    name: 'model',
    // The access vocabulary. The files at the top of src/ are the shared error types, messages,
    // the logger interface and its one-line formatter.
    paths: ['src/model', 'src/data', 'src/errors.ts', 'src/message.ts', 'src/log.ts', 'src/log-line.ts'],
  },
  { name: 'spec', paths: ['src/spec'] },
  { name: 'plan and render', paths: ['src/plan', 'src/render'] },
  { name: 'edges', paths: ['src/proxmox', 'src/github', 'src/secrets', 'src/vault', 'src/network-failure.ts'] },
  { name: 'apply', paths: ['src/apply'] },
  {
    name: 'run session and modes',
    paths: ['src/session', 'src/engine', 'src/modes', 'src/inputs.ts', 'src/deps.ts', 'src/outputs.ts'],
  },
  {
    name: 'entry points',
    paths: ['src/main.ts', 'src/index.ts', 'src/cli', 'src/cli.ts', 'src/core-logger.ts'],
  },
];

/** Files listed in a lower layer that live inside a folder of a higher one (none today; kept for moves in progress). */
function lowerFilesInside(folder, upTo) {
  return layers
    .slice(0, upTo)
    .flatMap((layer) => layer.paths)
    .filter((path) => path.startsWith(`${folder}/`))
    .map((path) => `./${path.slice(folder.length + 1)}`);
}

/** One zone per (layer, higher path): the layer's files may not import from that path. */
export function layerZones() {
  return layers.flatMap((layer, index) =>
    layers.slice(index + 1).flatMap((higher) =>
      higher.paths.map((from) => ({
        target: layer.paths,
        from,
        except: lowerFilesInside(from, index + 1),
        message: `The ${layer.name} layer may not import from the ${higher.name} layer (docs/architecture.md).`,
      })),
    ),
  );
}
