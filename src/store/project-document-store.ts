// Import and export of a whole project as one ProjectDocument (version 1). Work in progress.
import type { StoreContext } from './store-context.js';
import type { ProjectDocumentStore } from './types.js';

export function createProjectDocumentStore(_ctx: StoreContext): ProjectDocumentStore {
  return {
    async export() {
      throw new Error('not implemented yet');
    },
    async import() {
      throw new Error('not implemented yet');
    },
  };
}
