/** Bundle entry of `out/server/main.cjs`. */
import { startArchwayLanguageServer } from './main.js';

startArchwayLanguageServer();
