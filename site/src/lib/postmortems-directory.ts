/** Absolute path of the postmortems, set by astro.config.mjs from `POSTMORTEMS_DIR`. */
export const postmortemsDirectory: string = process.env['POSTMORTEMS_DIR'] ?? '../postmortems';
