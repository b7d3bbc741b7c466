package com.practicescheduler.command.appointment;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.series.ExtendSeriesCommand;
import com.practicescheduler.api.series.Recurrence;
import com.practicescheduler.api.series.SeriesBookedEvent;
import com.practicescheduler.api.series.SeriesEndedEvent;
import com.practicescheduler.api.series.SeriesExtendedEvent;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.platform.audit.AuditMetadata;
import com.practicescheduler.platform.axon.LingeringEventSource;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.web.SafeExceptions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps open-ended series booked up to the booking horizon as it moves. Two parts, both restart-safe:
 * <ul>
 *   <li>{@link OpenSeries}, a processor of the command side ({@value #GROUP}), keeps which series are open-ended and
 *       active and how far each is planned (Flyway {@code V2.3}), from the events, so it is right on any node and
 *       rebuilt by a replay;</li>
 *   <li>a recurring db-scheduler task ({@value #TASK}, a row in {@code scheduled_tasks}, run by one node at a time,
 *       on the application's clock) sends {@link ExtendSeriesCommand} as the system for each series whose next
 *       occurrence the horizon now reaches. The series' own command handler decides, books and records what it
 *       skipped (ADR 14).</li>
 * </ul>
 */
@Configuration
class SeriesExtension {

    static final String GROUP = "series-extension";
    static final String TASK = "series-extension";

    private static final Logger log = LoggerFactory.getLogger(SeriesExtension.class);

    /** Tracking, one segment; a failing event is retried, not skipped: a series must not stop extending. */
    @Autowired
    void configure(EventProcessingConfigurer processing, @Value(LingeringEventSource.LINGER) Duration linger) {
        processing.registerTrackingEventProcessor(GROUP,
                        configuration -> new LingeringEventSource(configuration.eventStore(), linger),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(50))
                .registerListenerInvocationErrorHandler(GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    RecurringTask<Void> seriesExtensionTask(OpenSeries open, PracticeDirectory practices, CommandSender commands,
                                            Clock clock,
                                            @Value("${practice-scheduler.series.extension-every:PT10M}")
                                            Duration every) {
        return Tasks.recurring(TASK, FixedDelay.of(every)).execute((instance, context) -> {
            int sent = extendDue(open, practices, commands, clock.instant());
            if (sent > 0) {
                log.info("Extended {} open-ended series up to the booking horizon", sent);
            }
        });
    }

    /** Sends the extension of every open series whose next occurrence is inside its practice's horizon now. */
    static int extendDue(OpenSeries open, PracticeDirectory practices, CommandSender commands, Instant now) {
        int sent = 0;
        for (OpenSeries.Row row : open.all()) {
            Instant horizon = now.plus(Duration.ofDays(practices.terms(row.practiceId()).settings()
                    .bookingHorizonDays()));
            List<Instant> next = Recurrences.starts(row.firstStart(), new Recurrence(row.everyWeeks(),
                    row.daysOfWeek(), null, null), ZoneId.of(row.timeZone()), row.plannedThrough(), horizon, 1);
            if (next.isEmpty()) {
                continue;
            }
            try {
                commands.dispatch(GenericCommandMessage.asCommandMessage(new ExtendSeriesCommand(row.seriesId(),
                        row.practiceId())).andMetaData(AuditMetadata.system(row.practiceId(), null)));
                sent++;
            } catch (Refusal refusal) {
                // recorded in the audit trail by the sender; the next run tries again
                log.info("Extending a series refused: {}", refusal.code().slug());
            } catch (RuntimeException e) {
                log.warn("Extending a series failed: {}", SafeExceptions.describe(e));
            }
        }
        return sent;
    }

    /** The open-ended, active series and how far each is planned: the extension job's list. */
    @Component
    @ProcessingGroup(GROUP)
    static class OpenSeries {

        record Row(String seriesId, String practiceId, Instant firstStart, int everyWeeks,
                   List<DayOfWeek> daysOfWeek, String timeZone, Instant plannedThrough) {
        }

        private final NamedParameterJdbcTemplate jdbc;

        OpenSeries(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(SeriesBookedEvent event) {
            if (!event.recurrence().openEnded()) {
                return;
            }
            jdbc.update("""
                    insert into open_series (series_id, practice_id, first_start, every_weeks, days_of_week,
                        time_zone, planned_through)
                    values (:id, :practice, :start, :everyWeeks, :days, :zone, :through)
                    on conflict (series_id) do nothing
                    """, new MapSqlParameterSource("id", event.seriesId())
                    .addValue("practice", event.practiceId())
                    .addValue("start", Timestamp.from(event.start()))
                    .addValue("everyWeeks", event.recurrence().everyWeeks())
                    .addValue("days", event.recurrence().daysOfWeek().stream().map(DayOfWeek::name)
                            .collect(Collectors.joining(",")))
                    .addValue("zone", event.timeZone())
                    .addValue("through", Timestamp.from(event.plannedThrough())));
        }

        @EventHandler
        void on(SeriesExtendedEvent event) {
            jdbc.update("""
                    update open_series set planned_through = greatest(planned_through, :through)
                    where series_id = :id
                    """, new MapSqlParameterSource("id", event.seriesId())
                    .addValue("through", Timestamp.from(event.plannedThrough())));
        }

        @EventHandler
        void on(SeriesEndedEvent event) {
            jdbc.update("delete from open_series where series_id = :id",
                    new MapSqlParameterSource("id", event.seriesId()));
        }

        @ResetHandler
        void reset() {
            jdbc.getJdbcTemplate().update("delete from open_series");
        }

        List<Row> all() {
            return jdbc.query("select * from open_series order by series_id", (rs, row) -> {
                String days = rs.getString("days_of_week");
                return new Row(rs.getString("series_id"), rs.getString("practice_id"),
                        rs.getTimestamp("first_start").toInstant(), rs.getInt("every_weeks"),
                        days.isEmpty() ? List.of() : Arrays.stream(days.split(",")).map(DayOfWeek::valueOf).toList(),
                        rs.getString("time_zone"), rs.getTimestamp("planned_through").toInstant());
            });
        }
    }
}
