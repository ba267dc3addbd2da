export { Deliverer, type DelivererOptions, type DeliverOptions } from './deliverer.js';
