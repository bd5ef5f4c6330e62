// Modal dialog on the native <dialog> element: focus is trapped and Escape closes it for free.
import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from './icons';

export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  dismissable = true,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** False while the dialog shows something that must be acknowledged (a key shown once). */
  dismissable?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        if (dismissable) onClose();
      }}
    >
      {open ? (
        <>
          <div className="dialog-header">
            <h2 id="dialog-title">{title}</h2>
            {dismissable ? (
              <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
                <Icon name="close" />
              </button>
            ) : null}
          </div>
          <div className="dialog-body">{children}</div>
          {footer ? <div className="dialog-footer">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}
