export { importDocuments, type ImportOptions } from './lib/import.js';
export { importFormats, labelTargets, columnFields, type ImportFormat, type LabelTarget, type ColumnField } from './formats.js';
export { composeMarkdown, type ImportedDocument, type ImportedAsset, type ImportResult } from './lib/document.js';
export { describeImport, type Recognised, type Unrecognised } from './lib/recognised.js';
export { defaultLimits, type ImportLimits } from './lib/limits.js';
