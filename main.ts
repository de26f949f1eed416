import { App } from 'cdktf';
import { loadManifestOrExit } from './lib/manifest/load-or-exit';
import { addShareStacks } from './lib/share-app';

const manifest = loadManifestOrExit();
const app = new App();
addShareStacks(app, manifest);
app.synth();
