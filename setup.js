// Installs cdktf's Jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
const cdktf = require('cdktf');
cdktf.Testing.setupJest();

// The AWS SDK (used by the emulator tests) warns that its releases of 2027 will
// need Node 22; package-lock.json pins one that runs on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
