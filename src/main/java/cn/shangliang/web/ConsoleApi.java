package cn.shangliang.web;

import cn.shangliang.consultation.Access;
import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.Lookup;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.SimilarIssues;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Town;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the staff console needs beyond the issue, meeting and report routes: the caller's places, possible duplicates
 * of an issue, and the members one may invite. Every answer is filtered by {@link Access}, as everywhere else.
 */
final class ConsoleApi {

    private final BearerTokens tokens;
    private final Access access;
    private final Regions regions;
    private final IssueBook book;
    private final SimilarIssues similar;
    private final People people;

    ConsoleApi(BearerTokens tokens, Access access, HttpServer.Console console, IssueBook book) {
        this.tokens = tokens;
        this.access = access;
        this.regions = console.regions();
        this.book = book;
        this.similar = console.similar();
        this.people = console.people();
    }

    void routes(JavalinConfig config) {
        config.routes.get("/api/me", this::me);
        config.routes.get("/api/issues/{trackingNo}/duplicates", this::duplicates);
        config.routes.get("/api/members", this::members);
    }

    /** Who the token belongs to and the queues ({@code 镇}, {@code 镇/村}) it may see, in the configured order. */
    private void me(Context ctx) {
        tokens.caller(ctx).ifPresent(staff -> {
            List<Map<String, Object>> places = new ArrayList<>();
            for (Town town : regions.towns()) {
                List<Place> all = new ArrayList<>();
                all.add(Place.town(town.name()));
                town.villages().forEach(v -> all.add(new Place(town.name(), v)));
                for (Place place : all) {
                    if (access.queue(staff, place)) {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("place", place.toString());
                        v.put("town", place.town());
                        v.put("village", place.village());
                        places.add(v);
                    }
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", staff.id());
            body.put("city_wide", staff.cityWide());
            body.put("scope", staff.scope() == null ? "" : staff.scope().toString());
            body.put("places", places);
            ctx.json(body);
        });
    }

    /**
     * Open issues of the same place that the matcher finds close to this one, best first: what a merge would join.
     * Only issues the caller may act on are listed; an issue that is no longer open has none.
     */
    private void duplicates(Context ctx) {
        Optional<Staff> staff = tokens.caller(ctx);
        if (staff.isEmpty()) {
            return;
        }
        String number = ctx.pathParam("trackingNo").toUpperCase(Locale.ROOT);
        switch (book.detail(staff.get(), number)) {
            case Lookup.NotFound<IssueDetail> n -> ctx.status(404).json(Map.of("error", "no such issue"));
            case Lookup.Forbidden<IssueDetail> f -> ctx.status(403).json(Map.of("error", "outside your scope"));
            case Lookup.Found<IssueDetail> found ->
                ctx.json(Map.of("id", number, "candidates", candidates(staff.get(), found.value())));
        }
    }

    private List<Map<String, Object>> candidates(Staff staff, IssueDetail issue) {
        if (!issue.status().isOpen()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (SimilarIssues.Similar c : similar.similarTo(issue)) {
            if (book.detail(staff, c.trackingNo()) instanceof Lookup.Found<IssueDetail> f
                    && f.value().status().isOpen()
                    && f.value().town().equals(issue.town())) {
                IssueDetail other = f.value();
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("id", other.trackingNo());
                v.put("title", other.title());
                v.put("village", other.village());
                v.put("status", other.status().name().toLowerCase(Locale.ROOT));
                v.put("supporters", other.supporters());
                v.put("similarity", Math.round(c.similarity() * 100) / 100.0);
                v.put("shared_terms", c.sharedTerms());
                out.add(v);
            }
        }
        return out;
    }

    /** The members the caller may invite to meetings: those in the caller's scope (city-wide staff: all). */
    private void members(Context ctx) {
        tokens.caller(ctx)
                .ifPresent(staff -> ctx.json(people.all().stream()
                        .filter(p -> p.kind() == Person.Kind.MEMBER && access.person(staff, p))
                        .map(p -> Map.of(
                                "id", p.id(),
                                "name", p.name(),
                                "scope", p.scope() == null ? "" : p.scope().toString()))
                        .toList()));
    }
}
