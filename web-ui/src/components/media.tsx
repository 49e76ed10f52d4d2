import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { client } from '../api/instance';
import { useI18n } from '../i18n/I18n';
import { ErrorState, Loading, Skeleton } from './ui';

/**
 * An object URL for a protected resource's bytes (fetched with the bearer token), revoked when no longer shown.
 * A photo of a vehicle not yet public or a partner's document cannot be an <img src> of its API URL: the browser
 * would not send the token.
 */
function useObjectUrl(path: string) {
  const bytes = useQuery({ queryKey: ['blob', path], queryFn: ({ signal }) => client.blob(path, signal), staleTime: 300_000, gcTime: 60_000 });
  const url = useBlobUrl(bytes.data);
  return { url, type: bytes.data?.type ?? '', query: bytes };
}

/** An object URL for a Blob or File while it is shown; revoked when it changes or the component goes. */
export function useBlobUrl(blob: Blob | null | undefined): string | null {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(() => {
    return () => {
      if (url) {
        URL.revokeObjectURL(url);
      }
    };
  }, [url]);
  return url;
}

export function ProtectedImage({ path, alt, className }: { path: string; alt: string; className?: string }) {
  const { url, query } = useObjectUrl(path);
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }
  if (!url) {
    return (
      <Loading>
        <Skeleton className="skeleton-photo" />
      </Loading>
    );
  }
  return <img src={url} alt={alt} className={className} />;
}

/** A partner document shown inline: images as images, PDFs in the browser's viewer. */
export function DocumentViewer({ path, title }: { path: string; title: string }) {
  const { t } = useI18n();
  const { url, type, query } = useObjectUrl(path);
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }
  if (!url) {
    return (
      <Loading>
        <Skeleton className="skeleton-gallery" />
      </Loading>
    );
  }
  if (type.startsWith('image/')) {
    return <img src={url} alt={title} className="preview" data-testid="document-view" />;
  }
  return (
    <>
      <iframe src={url} title={title} className="doc-viewer" data-testid="document-view" />
      <p>
        <a href={url} target="_blank" rel="noopener noreferrer">
          {t('partner.docs.open')}
        </a>
      </p>
    </>
  );
}
