/**
 * The integration's options: validated with Zod (Astro's own copy), each with its default.
 */
import { z } from 'astro/zod';
import { ruleDefaults, ruleSettings, type RuleId, type RuleSetting } from '@postmortem-kb/parser';

const ruleSetting = z.enum(ruleSettings as unknown as [RuleSetting, ...RuleSetting[]]);

export const optionsSchema = z
  .object({
    /** The postmortems to publish, relative to the Astro project root. Default `postmortems`. */
    dir: z.string().min(1).default('postmortems'),
    /** The site's name: header, page titles, feed. Default `Postmortem KB`. */
    title: z.string().min(1).default('Postmortem KB'),
    /** One sentence for the home page's meta description and the feed. */
    description: z.string().min(1).default('Incident postmortems: what broke, why, and what was done about it.'),
    /**
     * Where images in postmortems may load from besides the site itself: CSP source expressions
     * such as `https://images.example.com` or `https:`. Default none (`img-src 'self'`), so a
     * postmortem cannot plant a tracking pixel.
     */
    imageSources: z
      .array(z.string().regex(/^[^\s;,']+$/, 'expected a CSP source expression such as `https://images.example.com` or `https:`, without spaces, quotes, `;` or `,`'))
      .default([]),
    /** Rule id → off, info, warning or error, as in the CLI's configuration. Default none. */
    rules: z
      .record(z.string(), ruleSetting)
      .default({})
      .superRefine((rules, context) => {
        for (const id of Object.keys(rules)) {
          if (!Object.hasOwn(ruleDefaults, id)) context.addIssue({ code: z.ZodIssueCode.custom, message: `unknown rule id \`${id}\`, expected one of ${Object.keys(ruleDefaults).join(', ')}` });
        }
      }),
  })
  .strict();

/** What the integration is given. */
export type PostmortemKbOptions = z.input<typeof optionsSchema>;

/** What the pages read from `virtual:postmortem-kb/config`. */
export interface ResolvedSiteConfig {
  /** Absolute path of the postmortems. */
  dir: string;
  title: string;
  description: string;
  imageSources: string[];
  rules: Partial<Record<RuleId, RuleSetting>>;
}

/** Options checked; a mistake is an error naming the option and what was expected. */
export function parseOptions(options: unknown): z.output<typeof optionsSchema> {
  const result = optionsSchema.safeParse(options ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'options'}: ${issue.message}`);
  throw new Error(`@postmortem-kb/astro: invalid options\n  ${problems.join('\n  ')}`);
}
