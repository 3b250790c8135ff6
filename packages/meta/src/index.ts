export { compileComputed, type ComputedCheck } from './computed';
export {
  ENTITY_MODES,
  type EntityMode,
  OPTIONAL_SYSTEM_FIELDS,
  ON_DELETE,
  RELATION_TYPES,
  relationField,
  ZEjectedService,
  ZEntity,
  ZModelDocument,
  ZNote,
  ZPosition,
  ZRelation,
  type Entity,
  type ModelDocument,
  type Note,
  type Position,
  type ModelDocumentInput,
  type Relation,
} from './document';
export {
  FIELD_TYPES,
  COMPUTED_RESULT_TYPES,
  isNumericType,
  isTextualType,
  validationProblems,
  ZField,
  ZFieldCode,
  ZValidation,
  type Field,
  type FieldInput,
  type FieldType,
  type Validation,
} from './fields';
export {
  commentText,
  CODE_PATTERN,
  codeProblem,
  isValidCode,
  quoteIdent,
  SYSTEM_FIELD_CODES,
  type CodeKind,
  type SystemFieldCode,
} from './names';
export {
  canonicalDocument,
  MAX_DOCUMENT_BYTES,
  parseDocument,
  serializeDocument,
  validateDocument,
  type DocumentIssue,
  type ParseResult,
} from './serialize';
export { checkValue, type ValueCheck } from './values';
export { MAX_PATTERN_LENGTH, matchesPattern, patternProblem } from './patterns';
export { createProjectDdl, fieldChecks, fieldIndexes, type DdlStatement } from './ddl/create';
export * from './plan';
export { columnType, defaultExpression, sqlLiteral } from './sql-types';
export { junctionColumns, junctionTable, objectName } from './ddl/physical';
export { diffDocuments, type ModelChange } from './diff';
export { withJunctionEntities } from './junctions';
export * from './ops';
export { newField, parseDefaultText, showDefaultText, typeParameters } from './field-text';
export {
  EQUALITY_OPERATORS,
  filterOperators,
  type FilterOperator,
  filterType,
  isOrderedType,
  isTextSearchType,
  LIST_OPERATORS,
  NULL_OPERATORS,
  ORDER_OPERATORS,
  ORDERED_TYPES,
  TEXT_OPERATORS,
  TEXT_SEARCH_TYPES,
} from './filter-operators';
export { ejectedEntitiesChanged } from './coexistence';
