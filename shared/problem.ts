/** The body of every error answer of the REST API: RFC 9457 `application/problem+json`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Stable machine-readable code, e.g. `validation`, `wrong-password`, `not-found`. */
  code: string;
  /** For validation errors: one entry per offending field, the path in dotted form. */
  errors?: { field: string; message: string }[];
}
