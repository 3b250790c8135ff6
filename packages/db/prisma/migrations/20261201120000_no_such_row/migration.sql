-- Raises foreign_key_violation naming the field, from inside a data API write: a reference to a
-- row the caller may not read is refused exactly as a reference to a row that does not exist.
CREATE FUNCTION "tessera_no_such_row"(field text) RETURNS uuid
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '23503', MESSAGE = 'A related row does not exist', COLUMN = field;
END
$$;
