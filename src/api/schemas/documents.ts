// Documents: the whole project as one JSON document (export / import).
import { z } from 'zod';
import { ProjectDocumentSchema } from '../../domain/project-document.js';

// The store helper's schema is the single definition of the document; the API names it.
export const DocumentSchema = ProjectDocumentSchema.meta({ id: 'ProjectDocument' });

export const ImportResultSchema = z.object({
  issues: z.number().int().describe('Issues in the project after the import'),
  dependencies: z.number().int().describe('Dependencies in the project after the import'),
});
