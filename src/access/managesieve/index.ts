export { ManageSieveServer, type ManageSieveOptions } from './managesieve-server.js';
