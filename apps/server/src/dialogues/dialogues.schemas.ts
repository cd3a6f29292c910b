import { z } from 'zod';

// The dialogue request and response schemas are the API contract and live in @accord/contract.

export const uuidParam = z.uuid({ message: 'must be a UUID' });
