'use client';
/** Shows a failed mutation as a toast, and keeps its per-field messages for the form. */
import { useCallback, useState } from 'react';
import { toast } from 'sonner';

import { describeError } from '~/trpc/react';

export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const onError = useCallback((error: unknown) => {
    const { message, fieldErrors } = describeError(error);
    setFieldErrors(fieldErrors);
    toast.error(message);
  }, []);
  const reset = useCallback(() => setFieldErrors({}), []);
  return { fieldErrors, onError, reset };
}
