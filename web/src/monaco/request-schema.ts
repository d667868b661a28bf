import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import type { Language } from '../../../shared/language';
import type { DialectName } from '../client-stub/dialects';
import { requestSchema } from './request-schemas';

/**
 * Points Monaco's JSON validation for the request model at the chosen
 * dialect's schema, explained in the page's language. The JSON worker holds one set of schemas for every model,
 * so the request model is the only one it matches.
 */
export function applyRequestSchema(
  modelUri: string,
  dialect: DialectName,
  language: Language,
): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    schemaValidation: 'error',
    schemas: [
      {
        uri: `inmemory://rpc-playground/schemas/${dialect}-request.${language}.json`,
        fileMatch: [modelUri],
        schema: requestSchema(dialect, language),
      },
    ],
  });
}
