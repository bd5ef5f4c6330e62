// Short confirmations ("Route saved") announced to screen readers.
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { Icon } from './icons';

interface Toast {
  id: number;
  tone: 'good' | 'bad';
  text: string;
}

const ToastContext = createContext<(text: string, tone?: 'good' | 'bad') => void>(() => undefined);

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((text: string, tone: 'good' | 'bad' = 'good') => {
    const id = nextId++;
    setToasts((list) => [...list.slice(-2), { id, tone, text }]);
    window.setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), 4000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`}>
            <Icon name={toast.tone === 'good' ? 'check' : 'alert'} size={16} />
            {toast.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
