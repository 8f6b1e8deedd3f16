// The district moved to core/ (issue 15: layers point down, so store/ may read it); this keeps the
// feature folders' imports working until they import core/district themselves.
export * from '../core/district'
