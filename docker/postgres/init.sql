-- one database per service (no service reads another's)
CREATE DATABASE intake;
CREATE DATABASE fieldservice;
CREATE DATABASE quality;
CREATE DATABASE satisfaction;
CREATE DATABASE reporting;
