import { useEffect } from 'preact/hooks';

// The page title names the screen only, never a person: it shows in tabs, history and task lists.
export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Ponte`;
  }, [title]);
}
