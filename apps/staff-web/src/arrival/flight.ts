/** "sk 4021" is SK4021: spaces dropped, upper case (as the server normalises it). */
export function normaliseFlightNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

const FLIGHT = /^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/;

/** The problem with a typed flight number, or '' when it is empty or fine. */
export function flightNumberProblem(text: string): string {
  const flight = normaliseFlightNumber(text);
  if (!flight || FLIGHT.test(flight)) return '';
  return 'must be a flight number like CA123 (airline code, then up to 4 digits)';
}
