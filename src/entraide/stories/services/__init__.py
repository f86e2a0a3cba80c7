"""Every change to stories, one module per area: collections, writing, media, consent,
review, anthology. Other modules import the area module they need."""
