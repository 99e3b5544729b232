/**
 * Errors the heart throws and the edges translate: the server to HTTP statuses, the CLI to exit
 * codes. Each names what was wrong so the user can fix it.
 */
export interface FieldProblem {
  /** Where, as `body/username` or `--role`: the adapter decides the prefix. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(readonly fields: FieldProblem[]) {
    super('validation', fields.map((f) => `${f.field}: ${f.message}`).join('; '));
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
