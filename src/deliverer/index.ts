export { Deliverer, type DelivererOptions } from './deliverer.js';
