// Installs cdktf's Jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
const cdktf = require('cdktf');
cdktf.Testing.setupJest();
