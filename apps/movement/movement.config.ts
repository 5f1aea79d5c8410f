import { ServiceConfig } from '#libs/common/service-config.js';

export class MovementConfig extends ServiceConfig {}
