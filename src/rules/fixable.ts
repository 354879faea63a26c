/**
 * Rule ids the editor offers a quick fix for (besides "Suppress with @allow…", offered for
 * every rule), derived from the rules' `meta.quickFix`: docs and `--list-rules` can say so
 * without depending on the language server.
 */
import { listRules } from './registry.js';
import { hasQuickFix } from './rule.js';

export const QUICK_FIX_RULES: ReadonlySet<string> = new Set(listRules().filter(hasQuickFix).map(meta => meta.id));
