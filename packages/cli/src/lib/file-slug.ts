/** `postmortem new` and `import` name files `<date>-<slug>.md` with the parser's `toUrlSlug`, at most this long. */
export const fileSlugLength = 60;
