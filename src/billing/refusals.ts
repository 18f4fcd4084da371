import { AppError, type ErrorCode } from '../errors.js';

/**
 * Time refused because its code needs an approved out-of-scope request first. It is an ordinary
 * AppError for every surface; chat adds a "request approval" button from the fields it carries.
 */
export class OutOfScopeRefusal extends AppError {
  constructor(
    code: Extract<ErrorCode, 'precondition_failed'>,
    message: string,
    details: string[],
    readonly job: { id: number; ref: string },
    readonly taskCode: string,
    readonly minutes: number,
    /** the refused entry's span, so the request is quoted at the time the work was done */
    readonly span?: { start: Date; end: Date },
  ) {
    super(code, message, details);
    this.name = 'OutOfScopeRefusal';
  }
}
