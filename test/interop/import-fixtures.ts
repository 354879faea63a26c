/** Re-exports for the import tests (one place to change when the modules move). */
export { importLikeC4, importStructurizr, readLikeC4, readStructurizr } from '../../src/interop/import/index.js';
export { modelToLikeC4 as modelToLikeC4Text, modelToStructurizr as modelToStructurizrText } from '../../src/interop/export/index.js';
