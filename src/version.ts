import { readFileSync } from 'node:fs';

/** The version in package.json: recorded with imports and shown in the API. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** How imports record which software read the evidence. */
export const SOFTWARE = `schakel ${VERSION}`;
