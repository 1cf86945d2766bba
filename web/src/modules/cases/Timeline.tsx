// The timeline of a case: what happened, who did it and when (the date and time in her language),
// oldest first, a page at a time; a move's outcome and reason under it.
import { useI18n } from '../../i18n';
import type { TimelineEvent } from './records';
import { namesOf, sentenceOf } from './timeline';

interface TimelineProps {
  events: TimelineEvent[];
  more: boolean;
  onMore: () => void;
}

export function Timeline({ events, more, onMore }: TimelineProps) {
  const { t } = useI18n();
  const names = namesOf(events);
  return (
    <section aria-labelledby="timeline-title" class="panel">
      <h2 id="timeline-title">{t('cases.timeline.title')}</h2>
      <ol class="timeline" id="case-timeline">
        {events.map((event) => {
          const { key, values } = sentenceOf(event, names, t);
          return (
            <li key={event.id} class={`timeline__event timeline__event--${event.kind}`}>
              <p class="timeline__what">{t(key, values)}</p>
              {event.detail.outcome && (
                <p>{t('cases.timeline.outcome', { outcome: t(`cases.outcome.${event.detail.outcome}`) })}</p>
              )}
              {event.detail.reason && (
                <p class="timeline__reason">
                  <span>{t('cases.timeline.reason')}</span> <q dir="auto">{event.detail.reason}</q>
                </p>
              )}
              {event.detail.message && (
                <p class="timeline__reason">
                  <span>{t('cases.timeline.her_words')}</span> <q dir="auto">{event.detail.message}</q>
                </p>
              )}
              <p class="timeline__when">
                <time dateTime={new Date(event.at).toISOString()}>{t('cases.timeline.when', { at: new Date(event.at) })}</time>
              </p>
            </li>
          );
        })}
      </ol>
      {more && <button type="button" class="button" onClick={onMore}>{t('cases.timeline.more')}</button>}
    </section>
  );
}
