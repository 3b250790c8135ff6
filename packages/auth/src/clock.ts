/** Injectable time source so expiry can be tested with a fake clock. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
