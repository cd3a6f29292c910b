import { AccordApiError } from '@accord/client/api';
import { describe, expect, it } from 'vitest';
import { errorMessage, fieldError, isApiError } from '../src/errors';

/**
 * Rule: the SDK's AccordApiError reaches people as the web's own error did: sentences by code (never
 * the SDK's developer messages), the server's words beside the field they name, how long to wait.
 */
const error = (code: string, init: Partial<ConstructorParameters<typeof AccordApiError>[0]> = {}) =>
  new AccordApiError({ status: 400, code, message: `${code} (for developers)`, ...init });

describe('errors from the SDK, in words for people', () => {
  it('429 says how long to wait, from Retry-After', () => {
    expect(errorMessage(error('RATE_LIMITED', { status: 429, retryAfterSeconds: 90 }))).toBe('Too many attempts. Please wait 2 minutes and try again.');
    expect(errorMessage(error('RATE_LIMITED', { status: 429 }))).toBe('Too many attempts. Please wait a few minutes and try again.');
  });

  it('a server out of reach or an answer off the contract gets a sentence, not the SDK message', () => {
    expect(errorMessage(error('NETWORK', { status: 0 }))).toBe('Accord could not be reached. Check your connection and try again.');
    expect(errorMessage(error('UNEXPECTED_RESPONSE', { status: 502 }))).toBe('The server answered unexpectedly (HTTP 502).');
  });

  it('field messages go to their fields, nested ones to their parent', () => {
    const invalid = error('VALIDATION_FAILED', { fields: [{ field: 'affiliation.name', message: 'Too long' }, { field: 'symbol', message: 'Letters only' }] });
    expect(fieldError(invalid, 'affiliation')).toBe('Too long');
    expect(fieldError(invalid, 'symbol')).toBe('Letters only');
    expect(fieldError(invalid, 'title')).toBeUndefined();
  });

  it('codes are told apart; anything else is not an API error', () => {
    expect(isApiError(error('UNAUTHENTICATED', { status: 401 }), 'UNAUTHENTICATED')).toBe(true);
    expect(isApiError(error('NOT_FOUND', { status: 404 }), 'UNAUTHENTICATED')).toBe(false);
    expect(isApiError(new Error('boom'), 'UNAUTHENTICATED')).toBe(false);
    expect(errorMessage(new Error('boom'))).toBe('Something went wrong. Please try again.');
  });
});
