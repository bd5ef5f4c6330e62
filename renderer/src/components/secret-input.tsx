// A password field that keeps its value out of the DOM's attributes. A controlled React input
// mirrors its value into the `value` attribute, where anything reading the page's HTML would find
// the secret; an uncontrolled one keeps it in the field alone.
import type { InputHTMLAttributes } from 'react';

export function SecretInput({
  onValue,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'defaultValue' | 'onChange'> & { onValue: (value: string) => void }) {
  return <input {...rest} type="password" autoComplete={rest.autoComplete ?? 'off'} spellCheck={false} onChange={(e) => onValue(e.target.value)} />;
}
