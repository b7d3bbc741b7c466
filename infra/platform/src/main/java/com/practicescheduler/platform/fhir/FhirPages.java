package com.practicescheduler.platform.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Offset paging without state: a search is computed again for each page and answers the {@code _count} matches from
 * {@code _offset}, with {@code total} all matches; HAPI adds the {@code next}/{@code previous} links
 * ({@code _offset}). Without {@code _count}, every match (each search is bounded on its own). At most
 * {@value #MAX_COUNT} a page, as on {@code /api/v1} ({@code validation-failed} beyond).
 */
public final class FhirPages {

    public static final int MAX_COUNT = 1000;

    private FhirPages() {
    }

    public static IBundleProvider page(List<? extends IBaseResource> all, Integer offset, Integer count) {
        if (count != null && (count < 0 || count > MAX_COUNT)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "_count: 0 to " + MAX_COUNT);
        }
        if (offset != null && offset < 0) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "_offset: must not be negative");
        }
        int from = Math.min(offset == null ? 0 : offset, all.size());
        int to = count == null ? all.size() : (int) Math.min((long) from + count, all.size());
        SimpleBundleProvider page = new SimpleBundleProvider(List.copyOf(all.subList(from, to)));
        page.setSize(all.size());
        return page;
    }
}
