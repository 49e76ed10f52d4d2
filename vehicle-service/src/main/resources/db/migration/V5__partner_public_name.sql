-- vehicle-service: the partner's public name on the public vehicle page ("Offered by Jean M."): the first name and
-- the initial of the last name from user.events' PartnerRegistered, never the full name or the email. Partners heard
-- of before this column existed keep null: their vehicles show no name until they are registered again.
alter table partners add column public_name varchar(48);
