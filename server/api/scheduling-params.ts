/** OpenAPI path parameters shared by the scheduling routers. */
export const eventIdParameter = { name: 'id', in: 'path' as const, required: true, description: 'The numeric event id', schema: { type: 'string' as const, pattern: '^\\d+$' } };
export const pathParameter = (name: string, description: string) => ({ name, in: 'path' as const, required: true, description, schema: { type: 'string' as const } });
