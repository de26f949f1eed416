import { loadManifestOrExit } from './lib/manifest/load-or-exit';
import { buildShareApp } from './lib/share-app';

const manifest = loadManifestOrExit();
const app = buildShareApp(manifest);
app.synth();
