/** "sk 4021" is SK4021: spaces dropped, upper case (as the server normalises it). */
export function normaliseFlightNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

const FLIGHT = /^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/;

/** True when a typed flight number is empty or looks like one (airline code, then up to 4 digits). */
export function flightNumberFine(text: string): boolean {
  const flight = normaliseFlightNumber(text);
  return !flight || FLIGHT.test(flight);
}
