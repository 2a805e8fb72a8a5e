export { main, createProgram } from './main.js';
export { createRunContext, type RunContext, type RunEnvironment } from './lib/context.js';
export { findConfig, validateConfig, applyRuleSettings, type Config } from './lib/config.js';
export type { RuleSetting } from '@postmortem-kb/parser';
