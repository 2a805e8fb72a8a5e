/**
 * The integration's options: validated with Zod (Astro's own copy). Each can also be given
 * under the `site` key of the configuration file the CLI reads (`.postmortemrc.json` or the
 * `postmortem` key of `package.json`); an option given to the integration wins.
 */
import { z } from 'astro/zod';
import { ignorePatternsProblem, ruleDefaults, ruleSettings, type RuleId, type RuleSetting } from '@postmortem-kb/parser';

const ruleSetting = z.enum(ruleSettings as unknown as [RuleSetting, ...RuleSetting[]]);

export const optionsSchema = z
  .object({
    /** The postmortems to publish, relative to the Astro project root (in the configuration file: to the file). Default `postmortems`. */
    dir: z.string().min(1).optional(),
    /** The site's name: header, page titles, feed. Default `Postmortem KB`. */
    title: z.string().min(1).optional(),
    /** One sentence for the meta description and the feed. */
    description: z.string().min(1).optional(),
    /** Astro's `base`: the path the site is served under, such as `/kb/`. Default Astro's (`/`). */
    base: z.string().regex(/^\//, 'expected a path starting with `/`, such as `/kb/`').optional(),
    /** Astro's `site`: the public URL, for absolute links in the feed. Default Astro's. */
    site: z.string().url().optional(),
    /** Where a postmortem can be edited: the file's path below `dir` is appended (`https://github.com/org/repo/edit/main/postmortems/`). Default none. */
    editUrl: z
      .string()
      .url()
      .refine((url) => /^https?:/i.test(url), 'expected an http(s) URL')
      .optional(),
    /**
     * Where images in postmortems may load from besides the site itself: CSP source expressions
     * such as `https://images.example.com` or `https:`. Default none (`img-src 'self'`), so a
     * postmortem cannot plant a tracking pixel.
     */
    imageSources: z
      .array(
        z
          .string()
          .regex(/^[^\s;,']+$/, 'expected a CSP source expression such as `https://images.example.com` or `https:`, without spaces, quotes, `;` or `,`'),
      )
      .optional(),
    /** Globs of files below `dir` that are not published (`drafts/**`, `*-wip.md`). Default: the configuration file's `ignore`. */
    ignore: z
      .array(z.string())
      .superRefine((patterns, context) => {
        const problem = ignorePatternsProblem(patterns);
        if (problem !== null) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      })
      .optional(),
    /**
     * Rule id → off, info, warning or error, as in the CLI's configuration; a `team/…` id names a
     * rule of the configuration's `plugins` (checked when they are loaded). Default: the configuration file's `rules`.
     */
    rules: z
      .record(z.string(), ruleSetting)
      .superRefine((rules, context) => {
        for (const id of Object.keys(rules)) {
          if (!Object.hasOwn(ruleDefaults, id) && !id.startsWith('team/'))
            context.addIssue({ code: z.ZodIssueCode.custom, message: `unknown rule id \`${id}\`, expected one of ${Object.keys(ruleDefaults).join(', ')}` });
        }
      })
      .optional(),
    /**
     * Search synonyms added to the default ops table: groups of words or phrases that find one
     * another (`[["pg", "postgres"], ["sev1", "major incident"]]`). Default none (the table alone).
     */
    synonyms: z
      .array(z.array(z.string().trim().min(1).max(100)).min(2, 'expected a group of at least two words or phrases'))
      .max(1000)
      .optional(),
    /** Fail the build when a postmortem has an error (as `postmortem lint` counts them). Default `false`: publish, and list the problems on `/problems/`. */
    strict: z.boolean().optional(),
  })
  .strict();

/** What the integration is given. */
export type PostmortemKbOptions = z.input<typeof optionsSchema>;

export const defaultTitle = 'Postmortem KB';
export const defaultDescription = 'Incident postmortems: what broke, why, and what was done about it.';

/** What the pages read from `virtual:postmortem-kb/config`. */
export interface ResolvedSiteConfig {
  /** Absolute path of the postmortems. */
  dir: string;
  title: string;
  description: string;
  editUrl: string | null;
  imageSources: string[];
  rules: Partial<Record<RuleId | `team/${string}`, RuleSetting>>;
  /** Absolute paths of the team's rule modules: the configuration file's `plugins`. */
  plugins: string[];
  /** Absolute path of the taxonomy: the configuration file's `taxonomy`, else null (`taxonomy.yaml` in `dir`, if present). */
  taxonomy: string | null;
  /** Globs of files below `dir` not to publish. */
  ignore: string[];
  strict: boolean;
  /** Search synonym groups added to the default table. */
  synonyms: string[][];
}

/** Options checked; a mistake is an error naming `source`, the option and what was expected. */
export function parseOptions(options: unknown, source = 'the integration options'): z.output<typeof optionsSchema> {
  const result = optionsSchema.safeParse(options ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'options'}: ${issue.message}`);
  throw new Error(`@postmortem-kb/astro: invalid site options in ${source}\n  ${problems.join('\n  ')}`);
}
