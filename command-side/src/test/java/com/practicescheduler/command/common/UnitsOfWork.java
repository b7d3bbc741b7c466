package com.practicescheduler.command.common;

import java.util.concurrent.Callable;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/** Work run in a unit of work of its own, as a command handler runs: committed, or rolled back and thrown. */
final class UnitsOfWork {

    private UnitsOfWork() {
    }

    static void run(Runnable work) {
        inUnitOfWork(() -> {
            work.run();
            return null;
        });
    }

    static <R> R inUnitOfWork(Callable<R> work) {
        ResultMessage<R> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}
