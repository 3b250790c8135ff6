/**
 * The validation rules a field's type takes: bounds for numbers; lengths and a pattern for
 * text, the pattern checked as typed with the same rule as saving (RE2: linear time).
 */
import { Grid, TextField } from '@radix-ui/themes';
import { patternProblem } from '@tessera/meta/patterns';

import { Field } from '~/components/ui/field';

import { type FieldType, NUMERIC, TEXTUAL } from './field-form';

export interface RuleValues {
  min: string;
  max: string;
  minLength: string;
  maxLength: string;
  pattern: string;
}

export function FieldRules({
  type,
  values,
  onChange,
}: {
  type: FieldType;
  values: RuleValues;
  onChange: (key: keyof RuleValues, value: string) => void;
}) {
  const input = (key: keyof RuleValues, number = true) => (
    <TextField.Root
      type={number ? 'number' : 'text'}
      value={values[key]}
      onChange={(e) => onChange(key, e.target.value)}
    />
  );
  if (NUMERIC.has(type))
    return (
      <Grid columns="2" gap="3">
        <Field label="Minimum">{input('min')}</Field>
        <Field label="Maximum">{input('max')}</Field>
      </Grid>
    );
  if (!TEXTUAL.has(type)) return null;
  return (
    <Grid columns="3" gap="3">
      <Field label="Min length">{input('minLength')}</Field>
      <Field label="Max length">{input('maxLength')}</Field>
      <Field
        label="Pattern"
        error={values.pattern ? (patternProblem(values.pattern) ?? undefined) : undefined}
        hint="RE2 syntax: runs in linear time, without lookaround or backreferences"
      >
        {input('pattern', false)}
      </Field>
    </Grid>
  );
}
