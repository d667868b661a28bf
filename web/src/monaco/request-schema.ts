import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import type { DialectName } from '../client-stub/dialects';
import { REQUEST_SCHEMAS } from './request-schemas';

/**
 * Points Monaco's JSON validation for the request model at the chosen
 * dialect's schema. The JSON worker holds one set of schemas for every model,
 * so the request model is the only one it matches.
 */
export function applyRequestSchema(modelUri: string, dialect: DialectName): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    schemaValidation: 'error',
    schemas: [
      {
        uri: `inmemory://rpc-playground/schemas/${dialect}-request.json`,
        fileMatch: [modelUri],
        schema: REQUEST_SCHEMAS[dialect],
      },
    ],
  });
}
