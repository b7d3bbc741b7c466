package com.practicescheduler.query.notification;

import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hands the message deadline to db-scheduler, which runs every task bean it finds. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    Task<Void> patientMessageTask(MessageDelivery delivery) {
        return delivery.task();
    }
}
