export { main, createProgram } from './main.js';
export { createRunContext, type RunContext, type RunEnvironment } from './lib/context.js';
export { findConfig, validateConfig, applyRuleSettings, type Config, type RuleSetting } from './lib/config.js';
