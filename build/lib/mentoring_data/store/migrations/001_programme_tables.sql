-- The programme records of the file format, one table per record kind.
-- Text fields keep their English (or first) wording in a plain column for display and every
-- translation in a *_i18n JSON column. Lists and nested records are JSON text.
-- Dates are stored as DATE plus a precision ('day' or 'month'); a month-precision start is the
-- month's first day, a month-precision end or due date its last day.

create table programmes (
    id varchar primary key,
    name varchar not null,
    name_i18n json not null,
    title varchar,
    title_i18n json,
    kind varchar not null,
    coordinator varchar,
    funding varchar,
    start_date date,
    start_precision varchar,
    end_date date,
    end_precision varchar,
    website varchar,
    summary varchar,
    summary_i18n json,
    themes json not null,
    sources json not null,
    source_file varchar,
    loaded_at timestamp not null default current_timestamp
);

-- Cities and organisations are shared across programmes: each programme's declaration is kept
-- as written, and the views below merge them (validation guarantees the numbers agree).
create table city_declarations (
    programme_id varchar not null,
    id varchar not null,
    declared_seq bigint not null,
    position integer not null,
    name varchar not null,
    name_i18n json not null,
    country varchar not null,
    lat double not null,
    lon double not null,
    population bigint,
    population_year integer,
    foreign_origin_pct double,
    sources json not null,
    primary key (programme_id, id)
);

create table organisation_declarations (
    programme_id varchar not null,
    id varchar not null,
    declared_seq bigint not null,
    position integer not null,
    name varchar not null,
    name_i18n json not null,
    kind varchar not null,
    city_id varchar,
    country varchar,
    website varchar,
    sources json not null,
    primary key (programme_id, id)
);

create table pairs (
    programme_id varchar not null,
    id varchar not null,
    position integer not null,
    mentor_id varchar not null,
    mentee_id varchar not null,
    supporting json not null,
    theme varchar,
    theme_i18n json,
    status varchar not null,
    replaced_by varchar,
    challenges json not null,
    strengths json not null,
    good_practices json not null,
    sources json not null,
    version integer not null default 1,
    primary key (programme_id, id)
);

create table activities (
    programme_id varchar not null,
    id varchar not null,
    position integer not null,
    kind varchar not null,
    title varchar not null,
    title_i18n json not null,
    pair_id varchar,
    sequence integer,
    start_date date not null,
    start_precision varchar not null,
    end_date date,
    end_precision varchar,
    city_id varchar,
    mode varchar,
    status varchar not null,
    participants integer,
    summary varchar,
    summary_i18n json,
    sources json not null,
    version integer not null default 1,
    primary key (programme_id, id)
);

create table action_plans (
    programme_id varchar not null,
    id varchar not null,
    position integer not null,
    pair_id varchar not null,
    title varchar not null,
    title_i18n json not null,
    adopted_date date,
    adopted_precision varchar,
    sources json not null,
    version integer not null default 1,
    primary key (programme_id, id)
);

create table steps (
    programme_id varchar not null,
    id varchar not null,
    plan_id varchar not null,
    position integer not null,
    title varchar not null,
    title_i18n json not null,
    owner varchar,
    start_date date,
    start_precision varchar,
    due_date date,
    due_precision varchar,
    status varchar not null,
    progress integer,
    evidence varchar,
    sources json not null,
    version integer not null default 1,
    primary key (programme_id, id)
);

create table outcomes (
    programme_id varchar not null,
    id varchar not null,
    position integer not null,
    kind varchar not null,
    title varchar not null,
    title_i18n json not null,
    pair_id varchar,
    owner_id varchar,
    status varchar not null,
    outcome_date date,
    outcome_precision varchar,
    url varchar,
    languages json not null,
    summary varchar,
    summary_i18n json,
    sources json not null,
    version integer not null default 1,
    primary key (programme_id, id)
);

create table indicators (
    programme_id varchar not null,
    id varchar not null,
    position integer not null,
    name varchar not null,
    name_i18n json not null,
    unit varchar,
    pair_id varchar,
    target double,
    sources json not null,
    version integer not null default 1,
    primary key (programme_id, id)
);

create table indicator_values (
    programme_id varchar not null,
    indicator_id varchar not null,
    position integer not null,
    value_date date not null,
    value_precision varchar not null,
    value double not null,
    sources json not null,
    primary key (programme_id, indicator_id, position)
);

-- The merged view of a shared city: the first declaration's name, translations merged by
-- language (an earlier declaration's wording wins), any declaration's numbers.
create view cities as
select
    id,
    arg_min(name, declared_seq) as name,
    list_reduce(
        list(name_i18n order by declared_seq desc),
        lambda acc, earlier: json_merge_patch(acc, earlier)
    )
        as name_i18n,
    any_value(country) as country,
    arg_min(lat, declared_seq) as lat,
    arg_min(lon, declared_seq) as lon,
    max(population) as population,
    max(population_year) as population_year,
    max(foreign_origin_pct) as foreign_origin_pct,
    count(*) as declared_by
from city_declarations
group by id;

create view organisations as
select
    id,
    arg_min(name, declared_seq) as name,
    list_reduce(
        list(name_i18n order by declared_seq desc),
        lambda acc, earlier: json_merge_patch(acc, earlier)
    )
        as name_i18n,
    arg_min(kind, declared_seq) as kind,
    max(city_id) as city_id,
    max(country) as country,
    arg_min(website, declared_seq) filter (where website is not null) as website,
    count(*) as declared_by
from organisation_declarations
group by id;
