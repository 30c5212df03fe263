# The portal's image: web (the default command), worker, beat and the one-off migrate all
# run from it (see docker-compose.yml). Settings come from the environment at run time.
FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORT=8000
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic needs settings that load; these values exist only during this build step.
RUN DJANGO_ENV_FILE= \
    DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DJANGO_ALLOWED_HOSTS=build.invalid PORTAL_URL=https://build.invalid TASKS_IN_PROCESS=1 \
    python manage.py collectstatic --noinput
# The code and the collected static files stay owned by root: the process that serves
# requests cannot change them. It may write only where beat keeps its schedule.
RUN useradd --system --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /var/lib/passendeplek \
    && chown app /var/lib/passendeplek
USER app
EXPOSE 8000
# gunicorn is the container's first process (exec form, no shell in between), so docker
# stop's SIGTERM reaches it and it finishes the requests in progress (config/gunicorn.py).
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi:application"]
# /healthz with a Host header the portal accepts (config/healthcheck.py).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-m", "config.healthcheck"]
